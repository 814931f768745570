package dev.skerry.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the transport out of the public surface of the runtime and registry packages: no public
 * type there takes, returns or declares a gRPC or containerd API type, so that callers can only
 * ever see the port's own failures.
 */
class PortSurfaceTest {
  private static final List<String> TRANSPORT =
      List.of("io.grpc.", "io.vertx.grpc.", "dev.skerry.containerd.");

  @Test
  void noPublicSignatureOfRuntimeOrRegistryNamesAGrpcType() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (Class<?> c : publicClasses()) {
      List<Executable> members = new ArrayList<>(List.of(c.getConstructors()));
      members.addAll(List.of(c.getMethods()));
      for (Executable m : members) {
        if (!m.getDeclaringClass().getName().startsWith("dev.skerry.agent.")) {
          continue;
        }
        List<Class<?>> types = new ArrayList<>(List.of(m.getParameterTypes()));
        types.addAll(List.of(m.getExceptionTypes()));
        if (m instanceof Method method) {
          types.add(method.getReturnType());
        }
        for (Class<?> t : types) {
          if (TRANSPORT.stream().anyMatch(t.getName()::startsWith)) {
            leaks.add(c.getSimpleName() + "." + m.getName() + " uses " + t.getName());
          }
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void theGrpcErrorTypeIsNotPublic() {
    assertThat(Modifier.isPublic(ContainerdException.class.getModifiers())).isFalse();
    assertThat(RuntimeFailure.class).isAssignableFrom(TransientFailure.class);
    assertThat(RuntimeFailure.class).isAssignableFrom(PermanentFailure.class);
  }

  private static List<Class<?>> publicClasses()
      throws IOException, URISyntaxException, ClassNotFoundException {
    Path root =
        Path.of(ContainerRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> out = new ArrayList<>();
    for (String pkg : List.of("dev/skerry/agent/runtime", "dev/skerry/agent/registry")) {
      try (Stream<Path> files = Files.list(root.resolve(pkg))) {
        for (Path f : (Iterable<Path>) files::iterator) {
          String name = f.getFileName().toString();
          if (!name.endsWith(".class")) {
            continue;
          }
          Class<?> c =
              Class.forName(
                  pkg.replace('/', '.') + "." + name.substring(0, name.length() - 6),
                  false,
                  PortSurfaceTest.class.getClassLoader());
          if (Modifier.isPublic(c.getModifiers())) {
            out.add(c);
          }
        }
      }
    }
    assertThat(out).hasSizeGreaterThan(10);
    return out;
  }
}
