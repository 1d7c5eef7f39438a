package org.deepspt.cli;

import picocli.CommandLine.IVersionProvider;

/** The library version from the build ({@link org.deepspt.core.BuildInfo}), as {@code deepspt --version} prints it. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"deepspt " + org.deepspt.core.BuildInfo.version()};
    }
}
