package dev.gpt1spark.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetAsideTest {
    private static String reason(String item) {
        return item.isEmpty() ? "empty" : null;
    }

    @Test
    void badItemsGetTheirReasonAndTheRestComeBackInInputOrder() {
        List<List<String>> calls = new ArrayList<>();
        List<TaskResult> results =
                SetAside.process(
                        List.of("a", "", "bb", "", "ccc"),
                        SetAsideTest::reason,
                        2,
                        good -> {
                            calls.add(good);
                            return good.stream()
                                    .map(s -> TaskResult.ok(s.length(), s, s.length()))
                                    .toList();
                        });
        assertThat(calls).containsExactly(List.of("a", "bb", "ccc"));
        assertThat(results)
                .extracting(TaskResult::error)
                .containsExactly(null, "empty", null, "empty", null);
        assertThat(results.get(1).values()).containsExactly(null, null);
        assertThat(results)
                .extracting(r -> r.values()[0])
                .containsExactly("a", null, "bb", null, "ccc");
        assertThat(results).extracting(TaskResult::tokens).containsExactly(1L, 0L, 2L, 0L, 3L);
    }

    @Test
    void theWorkIsNotCalledWhenEveryItemIsSetAside() {
        List<TaskResult> results =
                SetAside.process(
                        List.of("", ""),
                        SetAsideTest::reason,
                        1,
                        good -> {
                            throw new AssertionError("called with " + good);
                        });
        assertThat(results).extracting(TaskResult::error).containsExactly("empty", "empty");
    }

    @Test
    void workThatLosesAResultIsAnError() {
        assertThatThrownBy(
                        () ->
                                SetAside.process(
                                        List.of("a", "b"),
                                        SetAsideTest::reason,
                                        1,
                                        good -> List.of(TaskResult.ok(1, "a"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("1 results for 2 items");
    }
}
