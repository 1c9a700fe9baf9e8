package io.k3j.server.api.protobuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.status.Reason;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.Runtime.TypeMeta;
import io.kubernetes.client.proto.Runtime.Unknown;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Coordination;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProtobufBodyTest {

    /** 2024-05-06T07:08:09Z */
    private static final long SECONDS = 1714979289L;

    /** The metadata as Go's encoder writes it: every non-pointer field, empty or not. */
    private static ObjectMeta.Builder goMetadata(String name) {
        return ObjectMeta.newBuilder().setName(name).setGenerateName("").setNamespace("").setSelfLink("")
                .setUid("").setResourceVersion("").setGeneration(0).setCreationTimestamp(Meta.Time.getDefaultInstance());
    }

    private static byte[] envelope(String apiVersion, String kind, Message object) {
        return envelope(Unknown.newBuilder()
                .setTypeMeta(TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(object.toByteString()).setContentEncoding("").setContentType("").build());
    }

    private static byte[] envelope(Unknown unknown) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'k', '8', 's', 0});
        out.writeBytes(unknown.toByteArray());
        return out.toByteArray();
    }

    private static byte[] resource(String name) {
        try (InputStream in = ProtobufBodyTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonObject json(String text) {
        return JsonSupport.parse(text.replace('\'', '"')).asJsonObject();
    }

    private static ApiException refused(byte[] body, String apiVersion, String kind) {
        ApiException e = assertThrows(ApiException.class, () -> ProtobufBody.decode(body, apiVersion, kind));
        assertEquals(400, e.code());
        assertEquals(Reason.BAD_REQUEST, e.reason());
        return e;
    }

    // ---- what kubectl v1.32 sends (captured from `kubectl create ...`)

    @Test
    void kubectlCreateNamespace() {
        assertEquals(json("{'kind':'Namespace','apiVersion':'v1','metadata':{'name':'x','generation':0},"
                        + "'spec':{},'status':{}}"),
                ProtobufBody.decode(resource("kubectl-create-namespace.bin"), "v1", "Namespace"));
    }

    @Test
    void kubectlCreateConfigMapFromLiteralAndFile() {
        assertEquals(json("{'kind':'ConfigMap','apiVersion':'v1','metadata':{'name':'c','generation':0},"
                        + "'data':{'a':'b','f.txt':'hello\\n'}}"),
                ProtobufBody.decode(resource("kubectl-create-configmap.bin"), "v1", "ConfigMap"));
    }

    @Test
    void kubectlCreateSecretLeavesTheEmptyTypeToTheDefault() {
        assertEquals(json("{'kind':'Secret','apiVersion':'v1','metadata':{'name':'s','generation':0},"
                        + "'data':{'k':'dg=='}}"),
                ProtobufBody.decode(resource("kubectl-create-secret.bin"), "v1", "Secret"));
    }

    @Test
    void aKindTheServerHasNoMessageForIsRefused() {
        ApiException e = refused(resource("kubectl-create-deployment.bin"), "v1", "ConfigMap");
        assertEquals("no kind \"Deployment\" is registered for version \"apps/v1\"", e.getMessage());
    }

    // ---- round trips through the generated builders

    @Test
    void secretBytesAreBase64AndAPointerFalseStays() {
        V1.Secret secret = V1.Secret.newBuilder().setMetadata(goMetadata("s").putLabels("b", "2").putLabels("a", ""))
                .putData("bin", ByteString.copyFrom(new byte[] {(byte) 0xff, 0, 'x'}))
                .putData("text", ByteString.copyFromUtf8("pässword"))
                .putStringData("plain", "").setType("kubernetes.io/tls").setImmutable(false).build();

        JsonObject decoded = ProtobufBody.decode(envelope("v1", "Secret", secret), "v1", "Secret");

        assertEquals(json("{'kind':'Secret','apiVersion':'v1',"
                + "'metadata':{'name':'s','generation':0,'labels':{'a':'','b':'2'}},"
                + "'immutable':false,'data':{'bin':'/wB4','text':'cMOkc3N3b3Jk'},'stringData':{'plain':''},"
                + "'type':'kubernetes.io/tls'}"), decoded);
        assertTrue(JsonSupport.toText(decoded).contains("\"labels\":{\"a\":\"\",\"b\":\"2\"}"), "map keys sorted as Go writes them");
    }

    @Test
    void configMapBinaryData() {
        V1.ConfigMap map = V1.ConfigMap.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("c").setNamespace("ns"))
                .putData("k", "v").putBinaryData("b", ByteString.copyFrom(new byte[] {1, 2, 3, 4})).build();

        assertEquals(json("{'kind':'ConfigMap','apiVersion':'v1','metadata':{'name':'c','namespace':'ns'},"
                        + "'data':{'k':'v'},'binaryData':{'b':'AQIDBA=='}}"),
                ProtobufBody.decode(envelope("v1", "ConfigMap", map), "v1", "ConfigMap"));
    }

    @Test
    void podWithTheSpecialShapesAndInlineFields() {
        V1.Container container = V1.Container.newBuilder().setName("web").setImage("nginx")
                .addPorts(V1.ContainerPort.newBuilder().setContainerPort(80).setProtocol("TCP"))
                .addEnv(V1.EnvVar.newBuilder().setName("MODE").setValueFrom(V1.EnvVarSource.newBuilder()
                        .setConfigMapKeyRef(V1.ConfigMapKeySelector.newBuilder()
                                .setLocalObjectReference(V1.LocalObjectReference.newBuilder().setName("settings"))
                                .setKey("mode"))))
                .setResources(V1.ResourceRequirements.newBuilder()
                        .putLimits("cpu", Quantity.newBuilder().setString("100m").build())
                        .putLimits("memory", Quantity.newBuilder().setString("1Gi").build()))
                .setLivenessProbe(V1.Probe.newBuilder().setHandler(V1.ProbeHandler.newBuilder()
                        .setHttpGet(V1.HTTPGetAction.newBuilder().setPath("/healthz")
                                .setPort(IntOrString.newBuilder().setType(0).setIntVal(8080).setStrVal(""))))
                        .setPeriodSeconds(10))
                .setReadinessProbe(V1.Probe.newBuilder().setHandler(V1.ProbeHandler.newBuilder()
                        .setTcpSocket(V1.TCPSocketAction.newBuilder()
                                .setPort(IntOrString.newBuilder().setType(1).setIntVal(0).setStrVal("http")))))
                .setStdin(false).build();
        V1.Pod pod = V1.Pod.newBuilder()
                .setMetadata(goMetadata("web").setNamespace("default")
                        .setCreationTimestamp(Meta.Time.newBuilder().setSeconds(SECONDS).setNanos(123_000_000))
                        .addManagedFields(Meta.ManagedFieldsEntry.newBuilder().setManager("kubectl")
                                .setOperation("Update").setApiVersion("v1").setFieldsType("FieldsV1")
                                .setTime(Meta.Time.newBuilder().setSeconds(SECONDS))
                                .setFieldsV1(Meta.FieldsV1.newBuilder()
                                        .setRaw(ByteString.copyFromUtf8("{\"f:spec\":{\"f:containers\":{}}}")))))
                .setSpec(V1.PodSpec.newBuilder().addContainers(container)
                        .addVolumes(V1.Volume.newBuilder().setName("config").setVolumeSource(V1.VolumeSource.newBuilder()
                                .setConfigMap(V1.ConfigMapVolumeSource.newBuilder().setDefaultMode(420)
                                        .setLocalObjectReference(V1.LocalObjectReference.newBuilder().setName("settings")))))
                        .setTerminationGracePeriodSeconds(0).setRestartPolicy("").setNodeName("")
                        .putNodeSelector("disk", "ssd"))
                .setStatus(V1.PodStatus.newBuilder().setPhase("Pending")
                        .setStartTime(Meta.Time.newBuilder().setSeconds(SECONDS + 60)))
                .build();

        JsonObject decoded = ProtobufBody.decode(envelope("v1", "Pod", pod), "v1", "Pod");

        assertEquals(json("""
                {'kind':'Pod','apiVersion':'v1',
                 'metadata':{'name':'web','namespace':'default','generation':0,
                   'creationTimestamp':'2024-05-06T07:08:09Z',
                   'managedFields':[{'manager':'kubectl','operation':'Update','apiVersion':'v1',
                     'time':'2024-05-06T07:08:09Z','fieldsType':'FieldsV1','fieldsV1':{'f:spec':{'f:containers':{}}}}]},
                 'spec':{
                   'volumes':[{'name':'config','configMap':{'name':'settings','defaultMode':420}}],
                   'containers':[{'name':'web','image':'nginx',
                     'ports':[{'containerPort':80,'protocol':'TCP'}],
                     'env':[{'name':'MODE','valueFrom':{'configMapKeyRef':{'name':'settings','key':'mode'}}}],
                     'resources':{'limits':{'cpu':'100m','memory':'1Gi'}},
                     'livenessProbe':{'httpGet':{'path':'/healthz','port':8080},'periodSeconds':10},
                     'readinessProbe':{'tcpSocket':{'port':'http'}},
                     'stdin':false}],
                   'terminationGracePeriodSeconds':0,
                   'nodeSelector':{'disk':'ssd'}},
                 'status':{'phase':'Pending','startTime':'2024-05-06T07:09:09Z'}}"""), decoded);
    }

    @Test
    void nodeWithQuantitiesAndConditions() {
        V1.Node node = V1.Node.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("n1")
                        .putLabels("kubernetes.io/hostname", "n1"))
                .setSpec(V1.NodeSpec.newBuilder().setPodCIDR("10.42.0.0/24").addPodCIDRs("10.42.0.0/24")
                        .setUnschedulable(false))
                .setStatus(V1.NodeStatus.newBuilder()
                        .putCapacity("cpu", Quantity.newBuilder().setString("2").build())
                        .putCapacity("pods", Quantity.getDefaultInstance())
                        .addConditions(V1.NodeCondition.newBuilder().setType("Ready").setStatus("True")
                                .setLastHeartbeatTime(Meta.Time.newBuilder().setSeconds(SECONDS))
                                .setLastTransitionTime(Meta.Time.getDefaultInstance()))
                        .addAddresses(V1.NodeAddress.newBuilder().setType("InternalIP").setAddress("10.0.0.5")))
                .build();

        assertEquals(json("""
                {'kind':'Node','apiVersion':'v1','metadata':{'name':'n1','labels':{'kubernetes.io/hostname':'n1'}},
                 'spec':{'podCIDR':'10.42.0.0/24','unschedulable':false,'podCIDRs':['10.42.0.0/24']},
                 'status':{'capacity':{'cpu':'2','pods':'0'},
                   'conditions':[{'type':'Ready','status':'True','lastHeartbeatTime':'2024-05-06T07:08:09Z'}],
                   'addresses':[{'type':'InternalIP','address':'10.0.0.5'}]}}"""),
                ProtobufBody.decode(envelope("v1", "Node", node), "v1", "Node"));
    }

    @Test
    void leaseWithMicroTimeAndPointerZeros() {
        V1Coordination.Lease lease = V1Coordination.Lease.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("n1").setNamespace("kube-node-lease"))
                .setSpec(V1Coordination.LeaseSpec.newBuilder().setHolderIdentity("n1").setLeaseDurationSeconds(40)
                        .setLeaseTransitions(0)
                        .setRenewTime(Meta.MicroTime.newBuilder().setSeconds(SECONDS).setNanos(123_456_789))
                        .setAcquireTime(Meta.MicroTime.newBuilder().setSeconds(SECONDS)))
                .build();

        assertEquals(json("""
                {'kind':'Lease','apiVersion':'coordination.k8s.io/v1',
                 'metadata':{'name':'n1','namespace':'kube-node-lease'},
                 'spec':{'holderIdentity':'n1','leaseDurationSeconds':40,'acquireTime':'2024-05-06T07:08:09.000000Z',
                   'renewTime':'2024-05-06T07:08:09.123456Z','leaseTransitions':0}}"""),
                ProtobufBody.decode(envelope("coordination.k8s.io/v1", "Lease", lease), "coordination.k8s.io/v1", "Lease"));
    }

    @Test
    void deleteOptionsAreTheMetaMessageInEveryGroupVersion() {
        Meta.DeleteOptions options = Meta.DeleteOptions.newBuilder().setGracePeriodSeconds(0)
                .setPropagationPolicy("Foreground").setPreconditions(Meta.Preconditions.newBuilder().setUid("u-1"))
                .addDryRun("All").build();

        assertEquals(json("{'kind':'DeleteOptions','apiVersion':'coordination.k8s.io/v1','gracePeriodSeconds':0,"
                        + "'preconditions':{'uid':'u-1'},'propagationPolicy':'Foreground','dryRun':['All']}"),
                ProtobufBody.decode(envelope("coordination.k8s.io/v1", "DeleteOptions", options),
                        "coordination.k8s.io/v1", "DeleteOptions"));
    }

    @Test
    void anEmptyTypeMetaTakesTheExpectedType() {
        byte[] body = envelope(Unknown.newBuilder()
                .setRaw(V1.ServiceAccount.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("sa"))
                        .setAutomountServiceAccountToken(false).build().toByteString()).build());

        assertEquals(json("{'kind':'ServiceAccount','apiVersion':'v1','metadata':{'name':'sa'},"
                        + "'automountServiceAccountToken':false}"),
                ProtobufBody.decode(body, "v1", "ServiceAccount"));
    }

    @Test
    void theEnvelopesKindIsKeptSoThatAMismatchIsRefusedLikeJson() {
        V1.Secret secret = V1.Secret.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("s")).build();

        JsonObject decoded = ProtobufBody.decode(envelope("v1", "Secret", secret), "v1", "ConfigMap");

        assertEquals("Secret", decoded.getString("kind"));
        assertEquals("s", decoded.getJsonObject("metadata").getString("name"));
    }

    // ---- malformed bodies: 400, never an exception of another kind

    @Test
    void jsonSentAsProtobufIsRefused() {
        ApiException e = refused("{\"kind\":\"ConfigMap\"}".getBytes(StandardCharsets.UTF_8), "v1", "ConfigMap");
        assertEquals("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: provided data does not appear to be "
                + "a protobuf message, expected prefix [107 56 115 0] (\"k8s\\x00\")", e.getMessage());
        refused(new byte[0], "v1", "ConfigMap");
        refused(new byte[] {'k', '8'}, "v1", "ConfigMap");
    }

    @Test
    void theMagicAloneIsAnEmptyBody() {
        assertTrue(refused(new byte[] {'k', '8', 's', 0}, "v1", "Namespace").getMessage().endsWith(": empty body"));
    }

    @Test
    void aTruncatedEnvelopeIsRefused() {
        byte[] whole = resource("kubectl-create-configmap.bin");
        for (int length = 5; length < whole.length; length += 7) {
            ApiException e = refused(Arrays.copyOf(whole, length), "v1", "ConfigMap");
            assertTrue(e.getMessage().startsWith("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: "),
                    e.getMessage());
        }
    }

    @Test
    void aTruncatedObjectInsideAWholeEnvelopeIsRefused() {
        ByteString raw = V1.ConfigMap.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("c"))
                .putData("key", "value").build().toByteString();
        byte[] body = envelope(Unknown.newBuilder().setTypeMeta(TypeMeta.newBuilder().setApiVersion("v1").setKind("ConfigMap"))
                .setRaw(raw.substring(0, raw.size() - 3)).build());

        assertTrue(refused(body, "v1", "ConfigMap").getMessage().contains("truncated"));
    }

    @Test
    void managedFieldsThatAreNotJsonAreRefused() {
        V1.ConfigMap map = V1.ConfigMap.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("c")
                .addManagedFields(Meta.ManagedFieldsEntry.newBuilder()
                        .setFieldsV1(Meta.FieldsV1.newBuilder().setRaw(ByteString.copyFromUtf8("{not json"))))).build();

        assertTrue(refused(envelope("v1", "ConfigMap", map), "v1", "ConfigMap").getMessage()
                .startsWith("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: the message has no JSON form"));
    }
}
