package io.k3j.server.api.validation;

import static io.k3j.server.api.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.k3j.server.api.resource.ResourceCatalog;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetadataValidatorTest {

    private static List<String> messages(String json) {
        return MetadataValidator.validate(object(json), ResourceCatalog.CONFIG_MAPS).stream()
                .map(FieldError::message).toList();
    }

    @Test
    void aValidObjectHasNoErrors() {
        assertEquals(List.of(), messages("{'metadata':{'name':'a','namespace':'default','labels':{'app':'web'},"
                + "'annotations':{'Note.Example.com/Free-Text':'anything at all'},'finalizers':['example.com/f'],"
                + "'ownerReferences':[{'apiVersion':'v1','kind':'Pod','name':'p','uid':'u'}]}}"));
    }

    @Test
    void namespacedObjectsNeedANamespace() {
        assertEquals(List.of("metadata.namespace: Required value"), messages("{'metadata':{'name':'a'}}"));
    }

    @Test
    void generateNameMayEndWithADash() {
        assertEquals(List.of(), messages("{'metadata':{'name':'web-abcde','generateName':'web-','namespace':'d'}}"));
        assertEquals(1, messages("{'metadata':{'name':'x','generateName':'Web-','namespace':'d'}}").size());
    }

    @Test
    void ownerReferencesNeedTheirIdentity() {
        assertEquals(List.of("metadata.ownerReferences[0].uid: Required value"),
                messages("{'metadata':{'name':'a','namespace':'d','ownerReferences':[{'apiVersion':'v1','kind':'Pod',"
                        + "'name':'p'}]}}"));
    }

    @Test
    void finalizersAreQualifiedNames() {
        assertEquals(1, messages("{'metadata':{'name':'a','namespace':'d','finalizers':['not valid']}}").size());
    }

    @Test
    void clusterScopedObjectsHaveNoNamespace() {
        List<FieldError> errors = MetadataValidator.validate(object("{'metadata':{'name':'n','namespace':'x'}}"),
                ResourceCatalog.NODES);
        assertEquals(List.of("metadata.namespace: Forbidden: not allowed on this type"),
                errors.stream().map(FieldError::message).toList());
        assertEquals("FieldValueForbidden", errors.get(0).type().reason());
    }

    @Test
    void wrongJsonTypesAreDecodeProblems() {
        assertEquals(Optional.empty(), MetadataValidator.decodeProblem(object("{'metadata':{'name':'a'}}")));
        assertEquals(Optional.of("metadata: expected an object, found array"),
                MetadataValidator.decodeProblem(object("{'metadata':[]}")));
        assertEquals(Optional.of("metadata.name: expected a string, found number"),
                MetadataValidator.decodeProblem(object("{'metadata':{'name':1}}")));
        assertEquals(Optional.of("metadata.finalizers: expected an array of strings, found array"),
                MetadataValidator.decodeProblem(object("{'metadata':{'finalizers':[1]}}")));
        assertEquals(Optional.of("metadata.generation: expected an integer, found number"),
                MetadataValidator.decodeProblem(object("{'metadata':{'generation':1.5}}")));
    }
}
