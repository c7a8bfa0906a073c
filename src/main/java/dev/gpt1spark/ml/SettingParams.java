package dev.gpt1spark.ml;

import dev.gpt1spark.settings.Setting;
import dev.gpt1spark.settings.Spelling;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;
import scala.Function1;

/**
 * Settings as Spark ML params: the name ({@link Spelling#PARAM}), doc, default and validator of
 * each come from its declaration. Floats are doubles and string lists arrays, as Spark ML users
 * expect; the model uses them as the setting's type.
 */
final class SettingParams {
    private SettingParams() {}

    /** A param for {@code setting}, owned by {@code parent}. */
    static Param<?> create(Params parent, Setting<?> setting) {
        String name = setting.name(Spelling.PARAM);
        String doc = setting.doc(Spelling.PARAM);
        switch (setting.kind()) {
            case INT:
                return new IntParam(parent, name, doc, validator(setting));
            case LONG:
                return new LongParam(parent, name, doc, validator(setting));
            case FLOAT:
            case DOUBLE:
                return new DoubleParam(parent, name, doc, validator(setting));
            case BOOLEAN:
                return new BooleanParam(parent, name, doc);
            case STRING:
                return new Param<String>(parent, name, doc, validator(setting));
            case STRINGS:
                return new StringArrayParam(parent, name, doc, validator(setting));
            default:
                throw new IllegalStateException("unhandled kind " + setting.kind());
        }
    }

    /**
     * An int param for a setting without a default, such as {@code n-head}: {@code none} stands for
     * "not given", since a param needs a default.
     */
    static IntParam withoutDefault(Params parent, Setting<Integer> setting, int none) {
        return new IntParam(
                parent,
                setting.name(Spelling.PARAM),
                setting.doc(Spelling.PARAM)
                        + "; "
                        + none
                        + " for the default: "
                        + setting.defaultText(Spelling.PARAM),
                (Function1<Object, Object> & Serializable)
                        value -> (Integer) value == none || setting.accepts((Integer) value));
    }

    /** A setting's value as its param holds it. */
    static Object toParam(Setting<?> setting, Object value) {
        switch (setting.kind()) {
            case FLOAT:
                return ((Float) value).doubleValue();
            case STRINGS:
                return ((List<?>) value).toArray(String[]::new);
            default:
                return value;
        }
    }

    /** A param's value as its setting's type. */
    static Object fromParam(Setting<?> setting, Object value) {
        switch (setting.kind()) {
            case FLOAT:
                return ((Double) value).floatValue();
            case STRINGS:
                return List.of((String[]) value);
            default:
                return value;
        }
    }

    @SuppressWarnings("unchecked")
    private static <P> Function1<P, Object> validator(Setting<?> setting) {
        Setting<Object> s = (Setting<Object>) setting;
        return (Function1<P, Object> & Serializable)
                value -> {
                    try {
                        return s.accepts(fromParam(s, value));
                    } catch (NullPointerException e) {
                        return false; // a null inside an array
                    }
                };
    }
}
