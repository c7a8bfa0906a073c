package dev.gpt1spark.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation of {@link InputSpec}; no Spark needed. */
class CorpusReaderSpecTest {
    @Test
    void defaults() {
        InputSpec spec = InputSpec.of("corpus/");

        assertThat(spec)
                .isEqualTo(new InputSpec("corpus/", "auto", "text", "id", List.of(), false, null));
        assertThat(new InputSpec("corpus/", null, null, null, null, false, null))
                .as("nulls take the defaults")
                .isEqualTo(spec);
        assertThat(spec.withIdCol("doc").idColExplicit()).isTrue();
        assertThat(spec.withFormat(" JSONL ").format()).isEqualTo("jsonl");
    }

    @Test
    void badOptionsAreRejected() {
        InputSpec spec = InputSpec.of("c");

        assertThatThrownBy(() -> spec.withFormat("xml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Cannot set input-format to xml, expected auto, text, jsonl, json, csv,"
                                + " parquet, orc or avro");
        assertThatThrownBy(() -> InputSpec.of(" ")).hasMessage("Cannot read input: no path given");
        assertThatThrownBy(() -> spec.withTextCol(""))
                .hasMessage("Cannot set text-col to \"\", expected a column name");
        assertThatThrownBy(() -> spec.withIdCol(" "))
                .hasMessage("Cannot set id-col to \" \", expected a column name");
        assertThatThrownBy(() -> spec.withText2Col(" "))
                .hasMessage("Cannot set text2-col to \" \", expected a column name");
        assertThatThrownBy(() -> spec.withText2Col("text"))
                .hasMessage("Cannot set text2-col to the text column \"text\"");
        assertThatThrownBy(() -> InputPaths.split(" , "))
                .hasMessage("Cannot read input: no path given");
    }

    @Test
    void keptColumnsMayNotTakeOutputOrInternalNames() {
        InputSpec spec = InputSpec.of("c");

        // a command's own output names are refused with the job (OutputColumnsTest)
        for (String name : List.of("id", "error", "ID", "Error")) {
            assertThatThrownBy(() -> spec.withKeepCols(List.of("url", name)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "Cannot keep column \""
                                    + name
                                    + "\": the jobs write a column of that name");
        }
        assertThatThrownBy(() -> spec.withKeepCols(List.of(InternalColumns.TEXT)))
                .hasMessage("Cannot keep column \"__text\": the corpus reader uses that name");
        assertThatThrownBy(() -> spec.withKeepCols(List.of(InternalColumns.TEXT2)))
                .hasMessage("Cannot keep column \"__text2\": the corpus reader uses that name");
        assertThatThrownBy(() -> spec.withKeepCols(List.of("url", "URL")))
                .hasMessage("Cannot keep column \"URL\" twice");
        assertThat(spec.withKeepCols(List.of("url", "lang")).keepCols())
                .containsExactly("url", "lang");
    }

    @Test
    void specIsSerializable() throws Exception {
        InputSpec spec = InputSpec.of("a,b").withKeepCols(List.of("url")).withIdCol("doc");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(spec);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(spec);
        }
    }
}
