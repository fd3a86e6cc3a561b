package dev.lattice.junit.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryListener;

/** Every launcher that runs the extension records the cells a run selects by unique id. */
class CellSelectorRecorderTest {

    @Test
    void isRegisteredAsALauncherDiscoveryListener() {
        assertThat(ServiceLoader.load(LauncherDiscoveryListener.class).stream().map(ServiceLoader.Provider::type))
                .contains(CellSelectorRecorder.class);
    }
}
