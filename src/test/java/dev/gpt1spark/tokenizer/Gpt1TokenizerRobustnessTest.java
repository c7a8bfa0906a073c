package dev.gpt1spark.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input, out-of-range ids, concurrent use and use after close. */
class Gpt1TokenizerRobustnessTest {

    private static Gpt1Tokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = Gpt1Tokenizer.bundled();
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void unpairedSurrogatesAreDroppedLikeAReplacementCharacter() {
        String[][] withAndWithout = {
            {"ab\uD800cd", "abcd"},
            {"ab\uDC00cd", "abcd"},
            {"end\uD83D", "end"},
            {"\uDE00start", "start"},
            {"two \uDC00\uD800 lows", "two  lows"},
            {
                "pair \uD83D\uDE00 kept, lone \uD83D dropped",
                "pair \uD83D\uDE00 kept, lone  dropped"
            },
        };
        for (String[] pair : withAndWithout) {
            assertThat(tokenizer.encode(pair[0])).as(pair[0]).isEqualTo(tokenizer.encode(pair[1]));
        }
        assertThat(tokenizer.encodeBatch(List.of("ab\uD800cd")).get(0).ids())
                .containsExactly(tokenizer.encode("abcd").ids());
        assertThat(tokenizer.encode("\uD800").ids()).isEmpty();
    }

    @Test
    void nullTextIsRejected() {
        assertThatThrownBy(() -> tokenizer.encode(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("text is null");
        assertThatThrownBy(() -> tokenizer.encodeBatch(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("texts is null");
        assertThatThrownBy(() -> tokenizer.encodeBatch(Arrays.asList("a", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("text 1 of the batch is null");
        assertThatThrownBy(() -> tokenizer.decode(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ids is null");
    }

    @Test
    void emptyInputsGiveEmptyOutputs() {
        assertThat(tokenizer.encode("").ids()).isEmpty();
        assertThat(tokenizer.encodeBatch(List.of())).isEmpty();
        assertThat(tokenizer.decode(new long[0])).isEmpty();
    }

    @Test
    void decodeDropsIdsOutsideTheVocabulary() {
        long hello = tokenizer.encode("hello").ids()[0];
        // 2^32 + hello would wrap to hello in the native 32-bit ids; it must be dropped instead.
        long[] ids = {-1, hello, 40_478, (1L << 32) + hello, Long.MAX_VALUE};
        assertThat(tokenizer.decode(ids)).isEqualTo("hello");
    }

    @Test
    void tokenOfRejectsIdsOutsideTheVocabulary() {
        assertThatThrownBy(() -> tokenizer.tokenOf(40_478))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("id 40478 is outside the vocabulary (0..40477)");
        assertThatThrownBy(() -> tokenizer.tokenOf(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyThreadsShareOneInstance() throws Exception {
        List<GoldenCase> cases = GoldenCase.main();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t;
                // Half the threads encode one at a time and half in batches, each in its own order.
                boolean batch = t % 2 == 0;
                results.add(pool.submit(() -> encodeAll(cases, seed, batch, start)));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get(2, TimeUnit.MINUTES)).isEqualTo(cases.size() * 10);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closedTokenizerFailsCleanly() {
        Gpt1Tokenizer closed = Gpt1Tokenizer.bundled();
        closed.close();
        closed.close(); // a second close is harmless
        assertThatThrownBy(() -> closed.encode("hello")).isInstanceOf(IllegalStateException.class);
    }

    // Encodes every case 10 times in a shuffled order and checks each; returns how many matched.
    private static int encodeAll(
            List<GoldenCase> cases, long seed, boolean batch, CountDownLatch start)
            throws InterruptedException {
        start.await();
        List<GoldenCase> order = new ArrayList<>(cases);
        int checked = 0;
        for (int round = 0; round < 10; round++) {
            Collections.shuffle(order, new Random(seed * 31 + round));
            List<Encoding> encodings =
                    batch
                            ? tokenizer.encodeBatch(order.stream().map(GoldenCase::text).toList())
                            : order.stream().map(c -> tokenizer.encode(c.text())).toList();
            for (int i = 0; i < order.size(); i++) {
                assertThat(encodings.get(i).ids())
                        .as(order.get(i).label())
                        .containsExactly(order.get(i).ids());
                assertThat(tokenizer.decode(order.get(i).ids())).isEqualTo(order.get(i).decoded());
                checked++;
            }
        }
        return checked;
    }
}
