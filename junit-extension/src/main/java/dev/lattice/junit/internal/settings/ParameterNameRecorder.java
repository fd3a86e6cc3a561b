package dev.lattice.junit.internal.settings;

import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;

/**
 * Records the names of a run's configuration parameters ({@code junit-platform.properties}, Surefire's
 * {@code configurationParameters}, the console launcher's {@code --config}) for {@link RunSettingsCheck}, which
 * cannot list them from an extension. Registered through {@code META-INF/services}, so only the launcher loads it:
 * the extension itself needs no launcher class.
 */
public final class ParameterNameRecorder implements LauncherDiscoveryListener {

    @Override
    public void launcherDiscoveryStarted(LauncherDiscoveryRequest request) {
        try {
            LauncherParameterNames.record(request.getConfigurationParameters().keySet());
        } catch (UnsupportedOperationException | LinkageError beforePlatform19) {
            // A JUnit Platform older than 1.9 (older than Lattice supports) cannot list its parameters: the run's
            // configuration parameters go unchecked, its system properties and environment are still checked.
        }
    }
}
