// Types of the cdktf jest matchers that `test/lib/cdktf-matchers.ts` registers (`Testing.setupJest()`).
// cdktf 0.21 declares them as `jest.Matchers<R>`, which does not merge with @types/jest 30's
// `Matchers<R, T>`, so they are restated here with the matching type parameters.
import type { TerraformConstructor } from 'cdktf/lib/testing/matchers';

declare global {
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-empty-object-type
    interface Matchers<R, T = {}> {
      toHaveResource(resourceConstructor: TerraformConstructor): R;
      toHaveResourceWithProperties(resourceConstructor: TerraformConstructor, properties: Record<string, unknown>): R;
    }
  }
}
