// The model's public API plus the internal root access the tests need.
export * from '../../src/model';
export { rootMaps, readStageOrder } from '../../src/model/doc-roots';
