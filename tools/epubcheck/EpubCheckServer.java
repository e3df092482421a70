// EPUBCheck for many EPUBs in one JVM (the tests' validator runner, tests/validators.py).
//
// Takes, one per line on stdin, the arguments of one `java -jar epubcheck.jar` run separated by
// tabs (e.g. "book.epub\t--json\treport.json"); gives, one per line on stdout, "done CODE" with
// EPUBCheck's own exit code once that run's report is written. Each run is a fresh EpubChecker:
// only the JVM start and the schemas' compilation (most of a single run's time) are shared.
// Run with the source launcher: java -cp epubcheck.jar EpubCheckServer.java
import com.adobe.epubcheck.tool.EpubChecker;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

public class EpubCheckServer {
    public static void main(String[] args) throws Exception {
        PrintStream answers =
                new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        // EPUBCheck's console chatter would mix with the answers: the JSON report says it all.
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(quiet);
        System.setErr(quiet);
        BufferedReader requests =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = requests.readLine()) != null) {
            int code;
            try {
                code = new EpubChecker().run(line.split("\t"));
            } catch (Throwable crash) {
                code = -1;  // no report: the caller fails with that
            }
            answers.println("done " + code);
        }
    }
}
