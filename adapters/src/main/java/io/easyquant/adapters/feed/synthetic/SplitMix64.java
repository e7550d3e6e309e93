package io.easyquant.adapters.feed.synthetic;

/**
 * A seeded SplitMix64 generator (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014)
 * with a Box-Muller Gaussian. The same seed gives the same stream on every JVM and platform: the algorithm is
 * written out here rather than taken from {@code java.util.random}, whose derived methods ({@code nextGaussian},
 * bounded draws) may change between JDK releases, and the Gaussian uses {@link StrictMath}.
 *
 * <p>Not thread-safe; allocation-free.
 */
final class SplitMix64
{
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final double TWO_PI = 2.0 * Math.PI;

    private long state;
    private double spareGaussian;
    private boolean hasSpareGaussian;

    SplitMix64(final long seed)
    {
        this.state = seed;
    }

    long nextLong()
    {
        state += GOLDEN_GAMMA;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * @return a uniform double in [0, 1).
     */
    double nextDouble()
    {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    boolean nextBoolean()
    {
        return nextLong() < 0;
    }

    /**
     * A uniform long in [0, bound). The modulo bias is below bound / 2^63, negligible for the sizes drawn here.
     *
     * @param bound positive exclusive upper bound.
     */
    long nextLong(final long bound)
    {
        return (nextLong() >>> 1) % bound;
    }

    /**
     * @return a standard normal deviate (mean 0, variance 1); deviates come in pairs from one Box-Muller step.
     */
    double nextGaussian()
    {
        if (hasSpareGaussian)
        {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        final double u1 = 1.0 - nextDouble(); // (0, 1]: log(0) would be infinite
        final double u2 = nextDouble();
        final double radius = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        final double theta = TWO_PI * u2;
        spareGaussian = radius * StrictMath.sin(theta);
        hasSpareGaussian = true;
        return radius * StrictMath.cos(theta);
    }
}
