package dev.gpt1spark.ml;

import java.io.Serializable;
import scala.Function1;

/**
 * Param validators that {@link org.apache.spark.ml.param.ParamValidators} lacks. Serialisable, like
 * Spark's own, because params travel with their transformer.
 */
final class Validators {
    private Validators() {}

    /** A string that is not empty. */
    static Function1<String, Object> nonEmpty() {
        return (Function1<String, Object> & Serializable) value -> !value.isEmpty();
    }

    /** An array without empty strings (an empty stop string would end every continuation). */
    static Function1<String[], Object> noEmptyStrings() {
        return (Function1<String[], Object> & Serializable)
                values -> {
                    for (String v : values) {
                        if (v == null || v.isEmpty()) {
                            return false;
                        }
                    }
                    return true;
                };
    }
}
