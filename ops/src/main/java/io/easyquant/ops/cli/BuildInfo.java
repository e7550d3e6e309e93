package io.easyquant.ops.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Version and JVM flags recorded at build time.
 */
public final class BuildInfo
{
    private static final Properties PROPERTIES = load();

    private BuildInfo()
    {
    }

    private static Properties load()
    {
        final Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/easyquant-build.properties"))
        {
            if (in != null)
            {
                properties.load(in);
            }
        }
        catch (final IOException ignore)
        {
            // The defaults below stand in.
        }
        return properties;
    }

    public static String version()
    {
        return PROPERTIES.getProperty("version", "unknown");
    }

    public static String jvmFlags()
    {
        return PROPERTIES.getProperty("jvm.flags", "").trim();
    }
}
