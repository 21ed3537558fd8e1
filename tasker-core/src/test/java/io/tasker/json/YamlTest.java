package io.tasker.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** YAML is read strictly: no tags, anchors, aliases, repeated keys or second documents; decimals exactly. */
class YamlTest {

    @Test
    void tags_are_refused_whatever_their_kind() {
        assertThatThrownBy(() -> Yaml.parse("a: !!java/object:java.net.URL [http://x]"))
                .isInstanceOf(JsonFormatException.class).hasMessageContaining("tags")
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> Yaml.parse("a: !ruby/object:Gem::Installer {}"))
                .isInstanceOf(JsonFormatException.class).hasMessageContaining("tags");
    }

    @Test
    void anchors_and_aliases_are_refused() {
        assertThatThrownBy(() -> Yaml.parse("a: &x {k: v}\nb: *x"))
                .isInstanceOf(JsonFormatException.class).hasMessageContaining("anchors and aliases");
    }

    @Test
    void a_key_twice_in_one_mapping_is_refused() {
        assertThatThrownBy(() -> Yaml.parse("name: a\nsteps: []\nname: b\n"))
                .isInstanceOf(JsonFormatException.class).hasMessageContaining("\"name\" appears twice");
    }

    @Test
    void a_second_document_is_refused() {
        assertThatThrownBy(() -> Yaml.parse("a: 1\n---\nb: 2\n"))
                .isInstanceOf(JsonFormatException.class).hasMessageContaining("more content follows");
    }

    @Test
    void plain_yaml_reads_as_before_with_exact_decimals() {
        var node = Yaml.parse("name: x\nprice: 19.90\nhuge: 1e400\nlist: [1, two]\n");
        assertThat(node.path("name").asString()).isEqualTo("x");
        assertThat(node.path("price").decimalValue()).isEqualTo(new BigDecimal("19.90"));
        assertThat(node.path("huge").decimalValue()).isEqualByComparingTo(new BigDecimal("1E+400"));
        assertThat(node.path("list")).hasSize(2);
    }
}
