package io.easyquant.admin;

import java.util.function.Supplier;

/**
 * One condition of readiness ({@code GET /ready}), evaluated on each request: null when it holds, otherwise the reason
 * it does not, in words an operator can act on.
 */
public interface ReadinessCheck
{
    /**
     * @return what is checked, e.g. {@code journal}.
     */
    String name();

    /**
     * @return null if ready, otherwise why not.
     */
    String problem();

    /**
     * A check from a name and a function giving the problem or null.
     */
    static ReadinessCheck of(final String name, final Supplier<String> problem)
    {
        return new ReadinessCheck()
        {
            @Override
            public String name()
            {
                return name;
            }

            @Override
            public String problem()
            {
                return problem.get();
            }
        };
    }
}
