import { codeLengthFromPrompt } from './codeLength';

describe('codeLengthFromPrompt', () => {
  it('reads the length a question states, in English and Spanish', () => {
    expect(codeLengthFromPrompt('Enter the 6-digit code we sent you')).toBe(6);
    expect(codeLengthFromPrompt('Type the 8 character code')).toBe(8);
    expect(codeLengthFromPrompt('Ingrese el código de 4 dígitos')).toBe(4);
  });

  it('reads nothing from Quovo’s own PIN question or from numbers that are not a code length', () => {
    expect(codeLengthFromPrompt('Enter your pin:')).toBeUndefined();
    expect(codeLengthFromPrompt('Sent to xxx-xxx-0695')).toBeUndefined();
    expect(codeLengthFromPrompt('Enter the 2-digit code')).toBeUndefined();
    expect(codeLengthFromPrompt('Enter the 40 digit code')).toBeUndefined();
  });
});
