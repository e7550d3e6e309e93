package io.easyquant.ops.cli;

import io.easyquant.journal.codec.RecordType;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Parses a record type name, case-insensitively: {@code order}, {@code EXECUTION_REPORT}.
 */
final class RecordTypes implements CommandLine.ITypeConverter<RecordType>
{
    /**
     * @throws CommandLine.TypeConversionException listing the valid names for an unknown one.
     */
    @Override
    public RecordType convert(final String value)
    {
        final String name = value.trim().toUpperCase(Locale.ROOT);
        for (final RecordType type : RecordType.values())
        {
            if (type.name().equals(name))
            {
                return type;
            }
        }
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a record type; expected one or more of " + names() + ", comma-separated");
    }

    /**
     * @return every type name in lower case, in declaration order, comma-separated.
     */
    static String names()
    {
        return String.join(", ", new Names());
    }

    /**
     * Every type name in lower case, in declaration order: the candidates listed in the help.
     */
    static final class Names implements Iterable<String>
    {
        @Override
        public Iterator<String> iterator()
        {
            final List<String> names = new ArrayList<>();
            for (final RecordType type : RecordType.values())
            {
                names.add(type.name().toLowerCase(Locale.ROOT));
            }
            return names.iterator();
        }
    }
}
