package dev.mixdown.dsp.edit;

/**
 * One stretch of the source copied into the edit.
 *
 * @param sourceStartFrame first source frame copied
 * @param sourceEndFrame   source frame after the last one copied
 * @param outputStartFrame where the first copied frame lands in the edit
 */
public record EditSegment(long sourceStartFrame, long sourceEndFrame, long outputStartFrame) {
    public EditSegment {
        if (sourceStartFrame < 0 || sourceEndFrame <= sourceStartFrame || outputStartFrame < 0) {
            throw new IllegalArgumentException("empty or negative segment " + sourceStartFrame + ".." + sourceEndFrame);
        }
    }

    public long frames() {
        return sourceEndFrame - sourceStartFrame;
    }

    public long outputEndFrame() {
        return outputStartFrame + frames();
    }
}
