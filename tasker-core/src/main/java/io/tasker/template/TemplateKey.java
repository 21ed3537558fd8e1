package io.tasker.template;

/** Identifies one version of a template: {@code namespace/name@version}. */
public record TemplateKey(String namespace, String name, String version) {

    @Override
    public String toString() {
        return namespace + "/" + name + "@" + version;
    }
}
