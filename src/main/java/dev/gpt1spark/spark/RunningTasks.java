package dev.gpt1spark.spark;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What running tasks have done so far, from the accumulator values executors send with every
 * heartbeat ({@code spark.executor.heartbeatInterval}, 10 s by default). A task's last report is
 * dropped when it ends: a finished task's counts are in the driver's accumulators, a failed one's
 * are lost with it.
 */
final class RunningTasks extends SparkListener {
    private final long rows;
    private final long tokens;
    private final long runningDocuments;
    private final long runningTokens;

    /** Task id → {documents, tokens} at its last heartbeat. */
    private final Map<Long, long[]> reports = new ConcurrentHashMap<>();

    /** A heartbeat sent before a task ended can arrive after its end. */
    private final Set<Long> ended = ConcurrentHashMap.newKeySet();

    RunningTasks(long rows, long tokens, long runningDocuments, long runningTokens) {
        this.rows = rows;
        this.tokens = tokens;
        this.runningDocuments = runningDocuments;
        this.runningTokens = runningTokens;
    }

    long documents() {
        return reports.values().stream().mapToLong(r -> r[0]).sum();
    }

    long tokens() {
        return reports.values().stream().mapToLong(r -> r[1]).sum();
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> task :
                CollectionConverters.asJava(update.accumUpdates())) {
            long[] report = new long[2];
            boolean ours = false;
            for (AccumulableInfo info : CollectionConverters.asJava(task._4())) {
                long value = info.update().isDefined() ? toLong(info.update().get()) : 0;
                if (info.id() == rows || info.id() == runningDocuments) {
                    report[0] += value;
                    ours = true;
                } else if (info.id() == tokens || info.id() == runningTokens) {
                    report[1] += value;
                    ours = true;
                }
            }
            Long id = (Long) task._1();
            if (ours && !ended.contains(id)) {
                reports.put(id, report);
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        ended.add(end.taskInfo().taskId());
        reports.remove(end.taskInfo().taskId());
    }

    private static long toLong(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
    }
}
