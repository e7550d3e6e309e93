package io.easyquant.journal.codec;

/**
 * Where an {@link AdminCommandCodec admin command} came from.
 */
public final class CommandOrigin
{
    public static final int API = 1;
    public static final int CLI = 2;
    public static final int RISK_RULE = 3;
    public static final int ENGINE = 4;

    private CommandOrigin()
    {
    }

    public static boolean isValid(final int origin)
    {
        return origin >= API && origin <= ENGINE;
    }

    public static String name(final int origin)
    {
        switch (origin)
        {
            case API: return "api";
            case CLI: return "cli";
            case RISK_RULE: return "risk-rule";
            case ENGINE: return "engine";
            default: return "unknown(" + origin + ")";
        }
    }
}
