package dev.gpt1spark.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * A jar holding one test class, so that JVMs whose class path has no test classes (spark-submit's
 * driver, a cluster's executors) can load it through {@code spark.jars}.
 */
public final class ClassJar {
    private ClassJar() {}

    /** Writes {@code type}'s class file into the jar {@code jar} and returns its path. */
    public static Path write(Class<?> type, Path jar) {
        String entry = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(entry);
                OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }
}
