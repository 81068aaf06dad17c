// @forge/bridge captures globalThis.__bridge when first imported; give tests a recording one.
globalThis.__bridge = {
  calls: [],
  callBridge(name, payload) {
    globalThis.__bridge.calls.push({ name, payload });
    return Promise.resolve(undefined);
  },
};
