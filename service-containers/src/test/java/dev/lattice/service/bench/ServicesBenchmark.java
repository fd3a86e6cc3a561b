package dev.lattice.service.bench;

import dev.lattice.engine.Engine;
import dev.lattice.engine.SolveReport;
import dev.lattice.engine.internal.DockerConnection;
import dev.lattice.service.CatalogService;
import dev.lattice.service.Database;
import dev.lattice.service.DatabaseServer;
import dev.lattice.service.ServiceCatalog;
import dev.lattice.service.ServiceRuntime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Measures the catalog's PostgreSQL: its recipe built cold (after a run with argument {@code forget} removed its
 * cached steps), a container from created to ready, and a fresh per-cell database on a running server. Prints one
 * {@code SERVICES} line.
 */
public final class ServicesBenchmark {

    private ServicesBenchmark() {
    }

    public static void main(String[] args) {
        CatalogService postgres = ServiceCatalog.postgres();
        if (args.length > 0 && args[0].equals("forget")) {
            // A JVM of its own: the engine remembers what it solved for the rest of the process.
            try (Engine engine = Engine.connect()) {
                forgetRecipe(engine, postgres);
            }
            return;
        }
        try (Engine engine = Engine.connect(); ServiceRuntime runtime = ServiceRuntime.create(engine)) {
            long buildStart = System.nanoTime();
            runtime.prepareImage(postgres);
            double recipeColdSeconds = (System.nanoTime() - buildStart) / 1e9;
            System.out.printf("recipe built cold in %.1f s%n", recipeColdSeconds);

            List<Long> starts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                runtime.start(postgres.spec().fresh());
                starts.add((System.nanoTime() - start) / 1_000_000);
            }
            System.out.println("postgres created to ready, ms: " + starts);

            DatabaseServer server = runtime.startDatabase(postgres);
            List<Long> creates = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                Database database = server.newDatabase("bench_cell_" + i);
                creates.add((System.nanoTime() - start) / 1_000_000);
                server.dropDatabase(database);
            }
            System.out.println("fresh database on a running server, ms: " + creates);
            System.out.printf("SERVICES container_start_ms=%d per_cell_db_ms=%d recipe_build_cold_s=%.1f%n",
                    median(starts), median(creates), recipeColdSeconds);
        }
    }

    /** Removes the cache entries of the recipe's steps, so the next build runs every step. */
    private static void forgetRecipe(Engine engine, CatalogService entry) {
        engine.solve(entry.name() + "-recipe", entry.recipe());
        SolveReport report = engine.lastReport(entry.name() + "-recipe");
        var docker = DockerConnection.testcontainersClient();
        for (SolveReport.StepReport step : report.steps()) {
            try {
                docker.removeImageCmd("lattice-cache/step:" + step.cacheKey()).withForce(true).exec();
            } catch (RuntimeException notCached) {
                // a configuration-only step has no image of its own
            }
        }
        try {
            docker.removeImageCmd(entry.recipeImage()).withForce(true).exec();
        } catch (RuntimeException absent) {
            // nothing to forget
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
