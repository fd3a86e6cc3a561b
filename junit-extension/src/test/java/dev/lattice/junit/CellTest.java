package dev.lattice.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CellTest {

    enum Transport { HTTP, GRPC }

    private final Cell cell = new Cell(3, ordered("auth", "on", "namespace", "team-a", "transport", "GRPC"));

    @Test
    void namesItselfByItsValuesInDeclarationOrder() {
        assertThat(cell).hasToString("auth=on, namespace=team-a, transport=GRPC");
        assertThat(cell.axes().keySet()).containsExactly("auth", "namespace", "transport");
        assertThat(cell.index()).isEqualTo(3);
    }

    @Test
    void readsValuesAsTextOrEnumConstants() {
        assertThat(cell.get("namespace")).isEqualTo("team-a");
        assertThat(cell.get("transport", Transport.class)).isEqualTo(Transport.GRPC);
        assertThat(cell.is("auth", "on")).isTrue();
        assertThat(cell.is("auth", "off")).isFalse();
    }

    @Test
    void namesTheAxesWhenAskedForAnUnknownOne() {
        assertThatThrownBy(() -> cell.get("db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No axis \"db\" in cell [auth=on, namespace=team-a, transport=GRPC];"
                        + " the axes are auth, namespace, transport");
        assertThatThrownBy(() -> cell.is("db", "postgres")).hasMessageStartingWith("No axis \"db\"");
    }

    @Test
    void namesTheConstantsWhenAValueIsNoneOfThem() {
        assertThatThrownBy(() -> cell.get("auth", Transport.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Axis \"auth\" has value \"on\", which is no constant of Transport;"
                        + " its constants are HTTP, GRPC");
    }

    @Test
    void cannotBeChangedThroughItsAxes() {
        Map<String, String> source = ordered("auth", "on");
        Cell copy = new Cell(1, source);
        source.put("auth", "off");

        assertThat(copy.get("auth")).isEqualTo("on");
        assertThatThrownBy(() -> copy.axes().put("auth", "off")).isInstanceOf(UnsupportedOperationException.class);
    }

    private static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> axes = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            axes.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return axes;
    }
}
