// cdktf's jest matchers (toHaveResourceWithProperties, toBeValidTerraform, ...), for the files
// that use them: importing cdktf costs a test file about 0.16 s of CPU, so it is not a global
// setup file. (In the CDK Terrain project, jest.config.js maps `cdktf` to `cdktn`.)
import { Testing } from 'cdktf';

Testing.setupJest();
