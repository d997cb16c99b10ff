/**
 * @mfa-kit/core: the Quovo v3 sync and MFA protocol, framework-free.
 * @packageDocumentation
 */
export * from './protocol';
export * from './session/index';
