// The CDK Terrain jest project's snapshots: `__snapshots__/cdktn/<file>.snap` (see snapshot-resolver.js).
module.exports = require('./snapshot-resolver').snapshotResolver('cdktn');
