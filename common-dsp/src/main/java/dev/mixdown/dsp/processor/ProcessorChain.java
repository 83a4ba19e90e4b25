package dev.mixdown.dsp.processor;

import java.util.List;

/** Processors run one after another on the same block. */
public final class ProcessorChain implements AudioProcessor {
    private final List<AudioProcessor> processors;

    public ProcessorChain(List<AudioProcessor> processors) {
        this.processors = List.copyOf(processors);
    }

    @Override
    public void prepare(ProcessSpec spec) {
        for (AudioProcessor p : processors) {
            p.prepare(spec);
        }
    }

    @Override
    public void process(float[][] block, int offset, int frames) {
        for (AudioProcessor p : processors) {
            p.process(block, offset, frames);
        }
    }

    @Override
    public void reset() {
        for (AudioProcessor p : processors) {
            p.reset();
        }
    }

    @Override
    public int latencyFrames() {
        int sum = 0;
        for (AudioProcessor p : processors) {
            sum += p.latencyFrames();
        }
        return sum;
    }
}
