package dev.mixdown.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code up}, {@code down} and {@code ps}: the local cluster's processes. */
final class ClusterCommands {
    private ClusterCommands() {
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = {"Start the local cluster and print the gateway URL once all of it is healthy.",
                "The cluster is a Kafka broker, S3Proxy and PostgreSQL, the gateway and the workers, each its own JVM.",
                "Jobs and files survive down and up with the same --data; later commands find the running cluster's data folder by themselves.",
                "On a running cluster, restarts the gateway and workers that died (crashed or killed) and leaves the rest alone."})
    static final class Up implements Callable<Integer> {
        @Option(names = "--mix-workers", defaultValue = "1", description = "Mix worker processes (default: ${DEFAULT-VALUE}; 0: mix jobs wait).")
        int mixWorkers;

        @Option(names = "--master-workers", defaultValue = "1", description = "Master worker processes (default: ${DEFAULT-VALUE}; 0: master jobs wait).")
        int masterWorkers;

        @Option(names = "--data", paramLabel = "DIR", description = "Data folder (default: $MIXDOWN_DATA or mixdown-data in the project).")
        Path data;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (mixWorkers < 0 || masterWorkers < 0) {
                spec.commandLine().getErr().println("mixdown up: worker counts cannot be negative (0 runs the gateway alone; jobs wait)");
                spec.commandLine().getErr().flush();
                return MixdownCli.EXIT_BAD_INPUT;
            }
            Path dataDir = LocalCluster.data(data);
            int code = LocalCluster.run("up", LocalCluster.root().toString(), dataDir.toString(),
                    String.valueOf(mixWorkers), String.valueOf(masterWorkers));
            if (code == 0) {
                LocalCluster.rememberData(dataDir);
            }
            return code;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the local cluster (workers drain first).")
    static final class Down implements Callable<Integer> {
        @Option(names = "--data", paramLabel = "DIR", description = "Data folder of the cluster.")
        Path data;

        @Override
        public Integer call() throws Exception {
            return LocalCluster.run("down", LocalCluster.data(data).toString());
        }
    }

    @Command(name = "ps", mixinStandardHelpOptions = true, description = "List the local cluster's processes: role, pid, port.")
    static final class Ps implements Callable<Integer> {
        @Option(names = "--data", paramLabel = "DIR", description = "Data folder of the cluster.")
        Path data;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            return json ? LocalCluster.run("ps", LocalCluster.data(data).toString(), "--json")
                    : LocalCluster.run("ps", LocalCluster.data(data).toString());
        }
    }
}
