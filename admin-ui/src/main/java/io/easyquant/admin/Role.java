package io.easyquant.admin;

import java.util.Locale;

/**
 * What a token may do: a viewer reads, an operator also changes the engine's state (kill-switch, trading state).
 */
public enum Role
{
    VIEWER,
    OPERATOR;

    /**
     * @return true if this role may do what {@code required} may.
     */
    public boolean allows(final Role required)
    {
        return this == OPERATOR || required == VIEWER;
    }

    /**
     * @return the role as written in configuration and shown in the API: {@code viewer} or {@code operator}.
     */
    public String configName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @return the role with that name (case-insensitive), or null.
     */
    public static Role byConfigName(final String name)
    {
        for (final Role role : values())
        {
            if (role.configName().equalsIgnoreCase(name))
            {
                return role;
            }
        }
        return null;
    }
}
