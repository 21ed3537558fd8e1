package io.tasker.engine;

import io.tasker.InvalidInputException;
import io.tasker.handler.StepHandler;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Finds the handler for a template's {@code handler.callable}: a name registered in code, or the name of a class on
 * the class path that implements {@link StepHandler} and has a public no-argument constructor. The callable
 * {@value #EXTERNAL} means the step is run by an external worker through the worker API. Two handlers are built
 * in: {@value #NOOP} (succeeds with an empty result) and {@value #ECHO} (succeeds with its inputs: the task context,
 * the step's initialization and its dependency results), so templates can be tried without any code.
 */
public final class HandlerRegistry {

    /** Callable of steps that external workers (any language) claim through the worker API. */
    public static final String EXTERNAL = "external";

    /** Built-in handler that succeeds with {@code {}}. */
    public static final String NOOP = "noop";
    /** Built-in handler that succeeds with {@code {"context", "initialization", "dependency_results"}}. */
    public static final String ECHO = "echo";

    /** Prefix of the handlers of built-in step types (wait, signal, subtask). */
    public static final String BUILT_IN = "tasker.";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.\\-]{0,254}");

    private final Map<String, StepHandler> handlers = new ConcurrentHashMap<>();
    private final ClassLoader classLoader;
    private final boolean frozen;

    public HandlerRegistry() {
        this(HandlerRegistry.class.getClassLoader());
    }

    public HandlerRegistry(ClassLoader classLoader) {
        this.classLoader = classLoader;
        this.frozen = false;
        handlers.put(NOOP, context -> io.tasker.handler.StepResult.success(io.tasker.json.Json.object()));
        handlers.put(ECHO, context -> {
            tools.jackson.databind.node.ObjectNode echo = io.tasker.json.Json.object();
            echo.set("context", context.taskContext());
            echo.set("initialization", context.initialization());
            tools.jackson.databind.node.ObjectNode dependencies = echo.putObject("dependency_results");
            context.dependencyResults().forEach(dependencies::set);
            return io.tasker.handler.StepResult.success(echo);
        });
    }

    private HandlerRegistry(HandlerRegistry source) {
        this.classLoader = source.classLoader;
        this.frozen = true;
        handlers.putAll(source.handlers);
    }

    /**
     * A copy that refuses new registrations: what a started engine runs with, so that registering on the builder
     * (or here) after {@code start()} cannot change the handlers of a live engine.
     */
    public HandlerRegistry frozenCopy() {
        return new HandlerRegistry(this);
    }

    /**
     * Registers {@code handler} under {@code name}; templates refer to it as {@code handler.callable: name}.
     *
     * @throws IllegalStateException on the registry of a started engine
     */
    public HandlerRegistry register(String name, StepHandler handler) {
        if (frozen) {
            throw new IllegalStateException("the engine has started: register handler '" + name
                    + "' on the builder before start()");
        }
        if (name == null || !NAME.matcher(name).matches() || EXTERNAL.equals(name) || name.startsWith(BUILT_IN)) {
            throw new InvalidInputException("invalid handler name '" + name + "'" + (name != null
                    && name.startsWith(BUILT_IN) ? ": names starting with " + BUILT_IN + " are the engine's" : ""));
        }
        handlers.put(name, java.util.Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /**
     * The handler of a step type the engine runs itself ({@code tasker.wait}, ...); for the engine's use, also on
     * a started engine's registry (the engine adds them as it starts).
     */
    public HandlerRegistry builtIn(String name, StepHandler handler) {
        if (!name.startsWith(BUILT_IN)) {
            throw new IllegalArgumentException("built-in handler names start with " + BUILT_IN);
        }
        handlers.put(name, java.util.Objects.requireNonNull(handler, "handler"));
        return this;
    }

    public static boolean isExternal(String callable) {
        return EXTERNAL.equals(callable);
    }

    /** True when {@code callable} is external, registered, or a loadable handler class. */
    public boolean canResolve(String callable) {
        return isExternal(callable) || resolve(callable).isPresent();
    }

    /** The handler for {@code callable}; a class is instantiated once and reused. */
    public Optional<StepHandler> resolve(String callable) {
        if (callable == null || isExternal(callable) || !NAME.matcher(callable).matches()) {
            return Optional.empty();
        }
        StepHandler known = handlers.get(callable);
        if (known != null) {
            return Optional.of(known);
        }
        return instantiate(callable).map(handler -> {
            StepHandler previous = handlers.putIfAbsent(callable, handler);
            return previous == null ? handler : previous;
        });
    }

    private Optional<StepHandler> instantiate(String className) {
        try {
            // Not initialised until we know it is a handler: a template must not run arbitrary static code.
            Class<?> type = Class.forName(className, false, classLoader);
            if (!StepHandler.class.isAssignableFrom(type) || type.isInterface()
                    || java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
                return Optional.empty();
            }
            Constructor<?> constructor = type.getConstructor();
            return Optional.of((StepHandler) constructor.newInstance());
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            return Optional.empty();
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new InvalidInputException("handler class " + className + " could not be created: "
                    + (e.getCause() != null ? e.getCause() : e), e);
        }
    }
}
