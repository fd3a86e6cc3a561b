package dev.lattice.junit.internal;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Reads, writes and calls the static members that test classes declare (pipeline and service methods and fields),
 * turning what goes wrong into a configuration error that names the declaration.
 */
public final class StaticMembers {

    private StaticMembers() {
    }

    /**
     * Calls a static method with an argument resolved for each of its parameters.
     *
     * @param method the method
     * @param argument resolves a parameter's argument; what it throws is passed on as it is
     * @param what the declaration, as errors name it: {@code @ServiceContainer "app" on AppTest#app()}
     * @param fix what to do when the method throws, for the error
     * @return what the method returned; may be {@code null}
     * @throws ExtensionConfigurationException when the method throws (with what it threw as the cause) or cannot be
     *     called
     */
    public static Object call(Method method, Function<Parameter, Object> argument, String what, String fix) {
        Parameter[] parameters = method.getParameters();
        Object[] arguments = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            arguments[i] = argument.apply(parameters[i]);
        }
        try {
            method.setAccessible(true);
            return method.invoke(null, arguments);
        } catch (InvocationTargetException threw) {
            throw new ExtensionConfigurationException(what + " threw " + threw.getCause() + "; " + fix,
                    threw.getCause());
        } catch (IllegalAccessException | InaccessibleObjectException denied) {
            throw denied(what, "called", "", denied);
        }
    }

    /**
     * Reads a static field.
     *
     * @param what the declaration, as errors name it
     * @return the field's value; may be {@code null}
     * @throws ExtensionConfigurationException when it cannot be read
     */
    public static Object read(Field field, String what) {
        try {
            field.setAccessible(true);
            return field.get(null);
        } catch (IllegalAccessException | InaccessibleObjectException denied) {
            throw denied(what, "read", "", denied);
        }
    }

    /**
     * Writes a static field.
     *
     * @param what the declaration, as errors name it
     * @throws ExtensionConfigurationException when it cannot be written (a final field, say)
     */
    public static void write(Field field, Object value, String what) {
        try {
            field.setAccessible(true);
            field.set(null, value);
        } catch (IllegalAccessException | InaccessibleObjectException denied) {
            throw denied(what, "written", "make it non-final, and ", denied);
        }
    }

    private static ExtensionConfigurationException denied(String what, String verb, String fix, Exception denied) {
        return new ExtensionConfigurationException(what + " cannot be " + verb + ": " + denied.getMessage() + "; "
                + fix + "open its package to dev.lattice.junit if the tests run as a module", denied);
    }
}
