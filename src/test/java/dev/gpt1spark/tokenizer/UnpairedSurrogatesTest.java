package dev.gpt1spark.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnpairedSurrogatesTest {

    @Test
    void validTextIsReturnedAsIs() {
        String text = "plain, caf\u00e9 and \uD83D\uDE00";
        assertThat(UnpairedSurrogates.replace(text)).isSameAs(text);
        assertThat(UnpairedSurrogates.replace("")).isEmpty();
    }

    @Test
    void eachUnpairedHalfBecomesOneReplacementCharacter() {
        assertThat(UnpairedSurrogates.replace("a\uD800b")).isEqualTo("a\uFFFDb");
        assertThat(UnpairedSurrogates.replace("a\uDC00b")).isEqualTo("a\uFFFDb");
        assertThat(UnpairedSurrogates.replace("\uD800")).isEqualTo("\uFFFD");
        assertThat(UnpairedSurrogates.replace("x\uD83D")).isEqualTo("x\uFFFD");
        // low before high is two unpaired halves, not a pair
        assertThat(UnpairedSurrogates.replace("\uDE00\uD83D")).isEqualTo("\uFFFD\uFFFD");
        assertThat(UnpairedSurrogates.replace("\uD800\uD83D\uDE00\uDC00"))
                .isEqualTo("\uFFFD\uD83D\uDE00\uFFFD");
    }
}
