package dev.gpt1spark.train;

/**
 * Accuracy and macro-F1 of predictions.
 *
 * <p>Macro-F1 averages the per-class F1 over the classes that occur among the true labels or the
 * predictions (a class absent from both has no defined F1); a class with no true positive has F1 0.
 *
 * @param accuracy share of correct predictions
 * @param macroF1 the unweighted mean of per-class F1
 */
record ClassMetrics(double accuracy, double macroF1) {

    static ClassMetrics of(int[] truth, int[] predicted, int classes) {
        if (truth.length != predicted.length || truth.length == 0) {
            throw new IllegalArgumentException("need as many predictions as labels, at least one");
        }
        long[] tp = new long[classes];
        long[] fp = new long[classes];
        long[] fn = new long[classes];
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] == predicted[i]) {
                correct++;
                tp[truth[i]]++;
            } else {
                fp[predicted[i]]++;
                fn[truth[i]]++;
            }
        }
        double f1Sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            if (tp[c] + fp[c] + fn[c] == 0) {
                continue;
            }
            present++;
            f1Sum += 2.0 * tp[c] / (2.0 * tp[c] + fp[c] + fn[c]);
        }
        return new ClassMetrics((double) correct / truth.length, f1Sum / present);
    }
}
