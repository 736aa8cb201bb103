package org.kapcompanion.writeback;

import ca.uhn.fhir.context.FhirContext;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hl7.fhir.r4.model.Resource;

/**
 * Measures the validator: warm-up time, time per validation once warm, and the heap it holds. Not a test; run it
 * after {@code mvn test-compile} with the test classpath, e.g.
 * {@code java -Xmx512m -cp target/test-classes:target/classes:<dependencies> org.kapcompanion.writeback.ValidatorBenchmark 500}.
 */
public final class ValidatorBenchmark {

  private ValidatorBenchmark() {}

  public static void main(String[] args) throws Exception {
    int validations = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long heapBefore = usedHeapAfterGc(memory);

    long start = System.nanoTime();
    FhirContext fhir = FhirContext.forR4();
    ConformancePackage conformancePackage = ConformancePackage.fromClasspath(fhir);
    ResourceValidator validator = new ResourceValidator(fhir, conformancePackage);
    long built = System.nanoTime();
    ExecutorService executor = Executors.newSingleThreadExecutor();
    validator.warmUp(executor).get();
    long warm = System.nanoTime();
    executor.shutdown();

    long heapAfter = usedHeapAfterGc(memory);
    List<Resource> examples = conformancePackage.examples();
    long[] nanos = new long[validations];
    for (int i = 0; i < validations; i++) {
      Resource example = examples.get(i % examples.size());
      long t = System.nanoTime();
      validator.validate(example);
      nanos[i] = System.nanoTime() - t;
    }
    Arrays.sort(nanos);

    System.out.printf("FhirContext + package + validator built: %d ms%n", (built - start) / 1_000_000);
    System.out.printf("warm-up (every example validated once):  %d ms%n", (warm - built) / 1_000_000);
    System.out.printf("validations once warm: %d over %d examples; median %.2f ms, p90 %.2f ms, max %.2f ms%n",
        validations, examples.size(), nanos[validations / 2] / 1e6, nanos[validations * 9 / 10] / 1e6,
        nanos[validations - 1] / 1e6);
    System.out.printf("heap used after GC: before %d MB, after building and warming %d MB (held: %d MB)%n",
        heapBefore >> 20, heapAfter >> 20, (heapAfter - heapBefore) >> 20);
    if (validator.isWarm()) {
      System.out.println("validator reports warm");
    }
  }

  private static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
