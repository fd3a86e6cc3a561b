package dev.lattice.example.flags.domain;

import java.util.List;
import java.util.Optional;

public record Flag(String namespaceKey, String key, String name, String description, boolean enabled,
                   List<Variant> variants) {

    public Flag {
        variants = List.copyOf(variants);
    }

    public Optional<Variant> variant(String variantKey) {
        return variants.stream().filter(v -> v.key().equals(variantKey)).findFirst();
    }
}
