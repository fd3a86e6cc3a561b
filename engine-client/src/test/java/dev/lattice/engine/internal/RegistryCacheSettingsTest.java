package dev.lattice.engine.internal;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The registry cache's settings: defaults, and every wrong setting named at once with the expected form. */
class RegistryCacheSettingsTest {

    private static Function<String, Optional<String>> given(Map<String, String> settings) {
        return name -> Optional.ofNullable(settings.get(name));
    }

    @Test
    void aRegistryAloneReadsAndWritesIsNotRequiredAndExportsVolumesUpToAGibibyte() {
        RegistryCacheSettings settings = RegistryCacheSettings.from(given(Map.of(
                "lattice.cache.registry", "registry.example.com:5000/team/lattice"))).orElseThrow();

        assertThat(settings.registry()).isEqualTo("registry.example.com:5000");
        assertThat(settings.prefix()).isEqualTo("team/lattice");
        assertThat(settings.write()).isTrue();
        assertThat(settings.required()).isFalse();
        assertThat(settings.volumeMaxBytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(settings.stepRepository()).isEqualTo("registry.example.com:5000/team/lattice/step");
    }

    @Test
    void withoutAnySettingThereIsNoSharedCache() {
        assertThat(RegistryCacheSettings.from(given(Map.of()))).isEmpty();
    }

    @Test
    void aSettingBesideTheRegistryWithoutTheRegistryIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> RegistryCacheSettings.from(given(Map.of(
                        "lattice.cache.registry.mode", "read"))))
                .withMessage("Registry cache settings: lattice.cache.registry.mode=read is set but"
                        + " lattice.cache.registry is not, so no registry cache is used; set"
                        + " lattice.cache.registry=HOST[:PORT]/PREFIX to use one, or remove"
                        + " lattice.cache.registry.mode");
    }

    @Test
    void anEmptyRegistryTurnsTheCacheOffWhateverIsBesideIt() {
        // A workflow that sets the mode for every job, and a fork's pull request whose registry variable is empty.
        assertThat(RegistryCacheSettings.from(given(Map.of("lattice.cache.registry", " ",
                "lattice.cache.registry.mode", "read")))).isEmpty();
    }

    @Test
    void everySettingBesideAMissingRegistryIsNamed() {
        assertThatIllegalArgumentException().isThrownBy(() -> RegistryCacheSettings.from(given(Map.of(
                        "lattice.cache.registry.required", "true", "lattice.cache.registry.volume-max-mb", "10"))))
                .withMessage("Registry cache settings: lattice.cache.registry.required=true and"
                        + " lattice.cache.registry.volume-max-mb=10 are set but lattice.cache.registry is not, so no"
                        + " registry cache is used; set lattice.cache.registry=HOST[:PORT]/PREFIX to use one, or remove"
                        + " lattice.cache.registry.required and lattice.cache.registry.volume-max-mb");
    }

    @Test
    void readModeRequiredAndAVolumeBound() {
        RegistryCacheSettings settings = RegistryCacheSettings.from(given(Map.of(
                "lattice.cache.registry", "127.0.0.1:5000/ci", "lattice.cache.registry.mode", "READ",
                "lattice.cache.registry.required", "true", "lattice.cache.registry.volume-max-mb", "0"))).orElseThrow();

        assertThat(settings.write()).isFalse();
        assertThat(settings.required()).isTrue();
        assertThat(settings.volumeMaxBytes()).isZero();
    }

    @Test
    void everyWrongSettingIsNamedAtOnce() {
        assertThatIllegalArgumentException().isThrownBy(() -> RegistryCacheSettings.from(given(Map.of(
                        "lattice.cache.registry", "127.0.0.1:5000", "lattice.cache.registry.mode", "write",
                        "lattice.cache.registry.required", "yes", "lattice.cache.registry.volume-max-mb", "1g"))))
                .withMessage("Registry cache settings: lattice.cache.registry=127.0.0.1:5000 is not HOST[:PORT]/PREFIX"
                        + " with a lower-case repository path, such as registry.example.com/team/lattice or"
                        + " 127.0.0.1:5000/lattice; lattice.cache.registry.mode=write is not readwrite or read;"
                        + " lattice.cache.registry.required=yes is not true or false;"
                        + " lattice.cache.registry.volume-max-mb=1g is not a whole number of MiB, 0 or more, such as 1024");
    }

    @Test
    void aSchemeIsRefusedWithTheFormWithoutIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> RegistryCacheSettings.from(given(Map.of(
                        "lattice.cache.registry", "https://registry.example.com/team"))))
                .withMessageContaining("lattice.cache.registry=https://registry.example.com/team has a scheme; give"
                        + " HOST[:PORT]/PREFIX without it");
    }
}
