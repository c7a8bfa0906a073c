package dev.gpt1spark.spark;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.s3a.RemoteFileChangedException;

/**
 * Lease files on a Hadoop file system. Local files go through java.nio, because Hadoop's local
 * {@code create(path, false)} checks for the file and then opens it: two jobs can both pass the
 * check. HDFS creates without overwrite atomically at the NameNode; S3 with a conditional PUT.
 */
final class FileSystemLeaseStore implements LeaseStore {
    private static final String S3A = "s3a";
    // Hadoop's Options.CreateFileOptionKeys.FS_OPTION_CREATE_CONDITIONAL_OVERWRITE
    private static final String CONDITIONAL_CREATE = "fs.option.create.conditional.overwrite";
    private final FileSystem fs;

    FileSystemLeaseStore(FileSystem fs) {
        this.fs = fs;
    }

    @Override
    public boolean createIfAbsent(Path file, byte[] content) throws IOException {
        java.nio.file.Path local = local(file);
        if (local != null) {
            // Written whole under a private name, then linked: the lease never exists half-written,
            // and link(2) fails if the name is taken.
            java.nio.file.Path draft = draft(local, content);
            try {
                Files.createLink(local, draft);
                return true;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return false;
            } finally {
                Files.deleteIfExists(draft);
            }
        }
        if (S3A.equals(fs.getScheme())) {
            return createIfAbsentOnS3(file, content);
        }
        try (OutputStream out = fs.create(file, false)) {
            out.write(content);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /**
     * S3 checks for the object and then writes it, so two jobs could both pass the check; the PUT
     * carries {@code If-None-Match: *} too (S3A's conditional create), and S3 refuses the second.
     */
    private boolean createIfAbsentOnS3(Path file, byte[] content) throws IOException {
        // createFile's builder is a raw type in Hadoop's API: build() is an FSDataOutputStream
        try (OutputStream out =
                (FSDataOutputStream)
                        fs.createFile(file)
                                .overwrite(false)
                                .must(CONDITIONAL_CREATE, true)
                                .build()) {
            out.write(content);
            return true;
        } catch (FileAlreadyExistsException | RemoteFileChangedException e) {
            return false; // before the PUT, or S3's 412 for the PUT
        }
    }

    @Override
    public void replace(Path file, byte[] content) throws IOException {
        java.nio.file.Path local = local(file);
        if (local != null) {
            Files.move(draft(local, content), local, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        try (OutputStream out = fs.create(file, true)) {
            out.write(content);
        }
    }

    @Override
    public Optional<Stored> read(Path file) throws IOException {
        java.nio.file.Path local = local(file);
        try {
            if (local != null) {
                long modified = Files.getLastModifiedTime(local).toMillis();
                return Optional.of(new Stored(Files.readAllBytes(local), modified));
            }
            long modified = fs.getFileStatus(file).getModificationTime();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (InputStream in = fs.open(file)) {
                in.transferTo(bytes);
            }
            return Optional.of(new Stored(bytes.toByteArray(), modified));
        } catch (FileNotFoundException | NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(Path file) throws IOException {
        java.nio.file.Path local = local(file);
        if (local != null) {
            Files.deleteIfExists(local);
        } else {
            fs.delete(file, false);
        }
    }

    /** The file as a local path, or null when it is not on the local file system. */
    private java.nio.file.Path local(Path file) {
        if (fs instanceof LocalFileSystem checksummed) {
            return checksummed.pathToFile(file).toPath();
        }
        if (fs instanceof RawLocalFileSystem raw) {
            return raw.pathToFile(file).toPath();
        }
        return null;
    }

    /** A hidden file beside {@code target} holding {@code content}. */
    private static java.nio.file.Path draft(java.nio.file.Path target, byte[] content)
            throws IOException {
        java.nio.file.Path draft =
                target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID());
        return Files.write(draft, content);
    }
}
