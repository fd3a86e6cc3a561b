package dev.lattice.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every progress event with the time it arrived. */
final class RecordingListener implements ProgressListener {

    record Recorded(String type, StepEvent event, long nanos) {
    }

    final List<Recorded> events = new CopyOnWriteArrayList<>();

    @Override
    public void started(StepEvent event) {
        events.add(new Recorded("started", event, System.nanoTime()));
    }

    @Override
    public void cached(StepEvent event) {
        events.add(new Recorded("cached", event, System.nanoTime()));
    }

    @Override
    public void done(StepEvent event) {
        events.add(new Recorded("done", event, System.nanoTime()));
    }

    @Override
    public void failed(StepEvent event) {
        events.add(new Recorded("failed", event, System.nanoTime()));
    }

    long count(String type) {
        return events.stream().filter(recorded -> recorded.type().equals(type)).count();
    }

    long count(String type, String descriptionPart) {
        return events.stream().filter(recorded -> recorded.type().equals(type)
                && recorded.event().description().contains(descriptionPart)).count();
    }

    void clear() {
        events.clear();
    }
}
