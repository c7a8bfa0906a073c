package dev.gpt1spark.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the project version from the jar manifest, when there is one. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Gpt1Cli.class.getPackage().getImplementationVersion();
        return new String[] {"gpt1-spark " + (version == null ? "(development build)" : version)};
    }
}
