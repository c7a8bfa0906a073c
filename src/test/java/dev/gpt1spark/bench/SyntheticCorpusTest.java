package dev.gpt1spark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticCorpusTest {
    @Test
    void theSameSeedGivesTheSameDocuments() {
        assertThat(SyntheticCorpus.documents(50, 7)).isEqualTo(SyntheticCorpus.documents(50, 7));
        assertThat(SyntheticCorpus.documents(50, 7)).isNotEqualTo(SyntheticCorpus.documents(50, 8));
    }

    @Test
    void lengthsSpreadFromShortDocumentsToPastGpt1sContext() {
        List<String> docs = SyntheticCorpus.documents(2000, 1);
        int[] words = docs.stream().mapToInt(d -> d.split(" ").length).sorted().toArray();
        int median = words[words.length / 2];
        assertThat(median).isBetween(70, 110);
        assertThat(words[0]).isLessThan(20);
        assertThat(Arrays.stream(words).filter(w -> w > 512).count()).isPositive();
    }
}
