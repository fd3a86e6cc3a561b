package dev.lattice.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

/** The catalog's Redis, built from its recipe, reached with Jedis; each user gets its own logical database. */
@ExtendWith(ClassServices.class)
class RedisCatalogTest {


    @Test
    void eachUserWritesToItsOwnLogicalDatabase(ServiceRuntime runtime) {
        Redis first = runtime.startRedis(ServiceCatalog.redis());
        Redis second = runtime.startRedis(ServiceCatalog.redis());
        assertThat(second.service()).isSameAs(first.service());
        assertThat(second.logicalDatabase()).isNotEqualTo(first.logicalDatabase());
        try (Jedis a = new Jedis(first.host(), first.port()); Jedis b = new Jedis(second.host(), second.port())) {
            a.select(first.logicalDatabase());
            b.select(second.logicalDatabase());
            a.set("flag", "on");
            assertThat(a.get("flag")).isEqualTo("on");
            assertThat(b.get("flag")).isNull();
        }
        assertThat(first.uriInNetwork()).isEqualTo("redis://redis:6379/" + first.logicalDatabase());
    }
}
