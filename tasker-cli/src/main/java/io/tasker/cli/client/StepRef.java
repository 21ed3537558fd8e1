package io.tasker.cli.client;

import io.tasker.NotFoundException;
import io.tasker.template.TemplateValidator;
import java.util.Optional;
import java.util.UUID;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * A step named on the command line: by its uuid, or by its name in the task (as {@code task get} lists it, e.g.
 * {@code charge} or a batch worker's {@code process_csv_batch_003}), which is shorter to type and to read.
 */
record StepRef(Optional<UUID> uuid, String text) {

    /** The step's uuid: as given, or looked up by name among the task's steps. */
    UUID resolve(TaskerClient api, UUID task) {
        if (uuid.isPresent()) {
            return uuid.get();
        }
        JsonNode steps = api.get(TaskStepCommands.stepsPath(task));
        for (JsonNode step : steps) {
            if (step.path("name").asString("").equals(text)) {
                return UUID.fromString(step.path("step_uuid").asString());
            }
        }
        throw new NotFoundException("task " + task + " has no step named '" + text + "'");
    }

    /** Reads a uuid in its canonical form or a step name; anything else is a usage error. */
    static final class Converter implements CommandLine.ITypeConverter<StepRef> {
        @Override
        public StepRef convert(String value) {
            try {
                return new StepRef(Optional.of(new UuidConverter().convert(value)), value);
            } catch (CommandLine.TypeConversionException notAUuid) {
                if (!TemplateValidator.STEP_NAME.matcher(value).matches()) {
                    throw new CommandLine.TypeConversionException("'" + value + "' is neither a step uuid nor a"
                            + " step name");
                }
                return new StepRef(Optional.empty(), value);
            }
        }
    }
}
