-- Public figures are read from releases and cached under them (docs/releases.md): nothing reads
-- the live cubes' version counter any more, so writes stop bumping it.
DROP TABLE "cube_version" CASCADE;
