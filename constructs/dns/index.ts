export * from "./alias-record";
export * from "./certificate";
