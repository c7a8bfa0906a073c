package dev.gpt1spark.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpt1spark.settings.SettingException;
import dev.gpt1spark.settings.SettingStateException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A job's output to a catalog table. The job writes a staging folder exactly as it writes a folder
 * output (a commit per chunk, resume), and only when every chunk is there publishes the rows to the
 * table in one step: an Iceberg commit, which readers see whole or not at all, or Spark's table
 * write for the session catalog. The run summary goes with the rows, as {@code gpt1.*} properties
 * of the Iceberg snapshot (in the same commit) or of the table.
 */
final class TableOutput {
    /** The job record's key for the id that marks this job's publish in the table. */
    static final String PUBLISH_ID = "publish_id";

    static final String PREFIX = "gpt1.";
    static final String PROPERTY_PUBLISH_ID = PREFIX + PUBLISH_ID;
    private static final String STAGING = "_gpt1_staging";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final boolean iceberg;

    private TableOutput(String name, boolean iceberg) {
        this.name = name;
        this.iceberg = iceberg;
    }

    /**
     * The table {@code name} (as Spark SQL names it: {@code catalog.db.table} or {@code db.table}).
     */
    static TableOutput of(SparkSession spark, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Cannot write a table without a name");
        }
        String[] parts = name.split("\\.");
        String catalog =
                parts.length >= 3 || (parts.length == 2 && isCatalog(spark, parts[0]))
                        ? parts[0]
                        : spark.conf().get("spark.sql.defaultCatalog", "spark_catalog");
        String implementation = spark.conf().get("spark.sql.catalog." + catalog, "");
        return new TableOutput(name, implementation.startsWith("org.apache.iceberg."));
    }

    private static boolean isCatalog(SparkSession spark, String name) {
        return spark.conf().getOption("spark.sql.catalog." + name).isDefined();
    }

    String name() {
        return name;
    }

    boolean isIceberg() {
        return iceberg;
    }

    /** Where the rows wait before they are published when no staging folder is given. */
    static String defaultStaging(SparkSession spark, String table) {
        String warehouse = spark.conf().get("spark.sql.warehouse.dir");
        return warehouse.replaceAll("/+$", "") + "/" + STAGING + "/" + table;
    }

    /** The staging folder's mode for a table mode: only a resume may find it there. */
    static OutputMode stagingMode(OutputMode tableMode) {
        return switch (tableMode) {
            case OVERWRITE -> OutputMode.OVERWRITE;
            case RESUME -> OutputMode.RESUME;
            case ERROR, APPEND -> OutputMode.ERROR;
        };
    }

    /** Refuses, before anything is written, what {@code mode} cannot do with the table as it is. */
    void check(SparkSession spark, OutputMode mode) {
        if (mode == OutputMode.ERROR && exists(spark)) {
            throw new SettingException(
                    "Cannot write table " + name + ": it exists; use ",
                    JobSettings.MODE,
                    " append to add rows to it or ",
                    JobSettings.MODE,
                    " overwrite to replace them");
        }
    }

    boolean exists(SparkSession spark) {
        return spark.catalog().tableExists(name);
    }

    /** Whether the rows of the job with {@code publishId} are in the table already. */
    boolean published(SparkSession spark, String publishId) {
        if (!exists(spark)) {
            return false;
        }
        if (iceberg) {
            return spark.sql(
                                    "SELECT 1 FROM "
                                            + name
                                            + ".snapshots WHERE summary['"
                                            + PROPERTY_PUBLISH_ID
                                            + "'] = '"
                                            + publishId
                                            + "'")
                            .count()
                    > 0;
        }
        return publishId.equals(property(spark, PROPERTY_PUBLISH_ID));
    }

    /**
     * Adds the staged rows to the table ({@code append}, or creating it), or replaces its rows
     * ({@code overwrite}), in one step, with the summary beside them.
     */
    void publish(
            SparkSession spark,
            Dataset<Row> staged,
            OutputMode mode,
            String publishId,
            Map<String, Object> summary) {
        Map<String, String> properties = properties(publishId, summary);
        boolean exists = exists(spark);
        if (iceberg) {
            DataFrameWriterV2<Row> writer = staged.writeTo(name);
            for (Map.Entry<String, String> p : properties.entrySet()) {
                writer = writer.option("snapshot-property." + p.getKey(), p.getValue());
            }
            try {
                if (mode == OutputMode.OVERWRITE) {
                    writer.createOrReplace();
                } else if (exists) {
                    writer.append();
                } else {
                    writer.create();
                }
            } catch (Exception e) {
                throw failed(e);
            }
            return;
        }
        SaveMode save =
                mode == OutputMode.OVERWRITE
                        ? SaveMode.Overwrite
                        : exists ? SaveMode.Append : SaveMode.ErrorIfExists;
        staged.write().mode(save).format("parquet").saveAsTable(name);
        StringJoiner set =
                new StringJoiner(", ", "ALTER TABLE " + name + " SET TBLPROPERTIES (", ")");
        properties.forEach((k, v) -> set.add(quoted(k) + " = " + quoted(v)));
        spark.sql(set.toString());
    }

    /**
     * The summary as table or snapshot properties, one per entry ({@code gpt1.rows_out}, …; lists
     * and maps as JSON), so that SQL reads each on its own.
     */
    static Map<String, String> properties(String publishId, Map<String, Object> summary) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(PROPERTY_PUBLISH_ID, publishId);
        summary.forEach(
                (k, v) -> {
                    if (v != null && !k.equals(PUBLISH_ID)) {
                        properties.put(PREFIX + k, v instanceof String text ? text : json(v));
                    }
                });
        return properties;
    }

    private static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private String property(SparkSession spark, String key) {
        for (Row r : spark.sql("SHOW TBLPROPERTIES " + name).collectAsList()) {
            if (key.equals(r.getString(0))) {
                return r.getString(1);
            }
        }
        return null;
    }

    private IllegalStateException failed(Exception e) {
        return new SettingStateException(
                e,
                "Cannot publish to table "
                        + name
                        + ": "
                        + e.getMessage()
                        + " (the rows stay in the staging folder; ",
                JobSettings.MODE,
                " resume publishes them)");
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the summary is plain JSON", e);
        }
    }
}
