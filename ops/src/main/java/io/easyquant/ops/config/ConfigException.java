package io.easyquant.ops.config;

/**
 * A configuration error: names the file, the field and what was expected. Its message is meant for the operator as
 * is, without a stack trace.
 */
public final class ConfigException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String field;

    public ConfigException(final String file, final String field, final String problem)
    {
        super(file + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + problem);
        this.file = file;
        this.field = field;
    }

    public String file()
    {
        return file;
    }

    public String field()
    {
        return field;
    }
}
