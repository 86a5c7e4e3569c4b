/** @jest-environment jsdom */
import { CombinedGraphQLErrors } from '@apollo/client';
import { jest } from '@jest/globals';
import { act, renderHook } from '@testing-library/react';
import { setLang } from '../../../lib/i18n';
import { useCostEditor } from './useCostEditor';

beforeEach(() => setLang('en'));

describe('useCostEditor', () => {
  it('names each bad field and sends nothing', async () => {
    const { result } = renderHook(() => useCostEditor());
    const save = jest.fn(() => Promise.resolve<void>(undefined));
    let done: boolean | undefined;
    await act(async () => {
      done = await result.current.submit({ amount: '', currency: 'jpy', month: '2026-13' }, save);
    });
    expect(done).toBe(false);
    expect(save).not.toHaveBeenCalled();
    expect(result.current.errors).toEqual({
      amount: 'costErrorAmountMissing',
      currency: 'costErrorCurrency',
      month: 'costErrorMonth',
    });
    expect(result.current.saved).toBe(false);
  });

  it('says "saved" once the save went through, and clears the earlier problems', async () => {
    const { result } = renderHook(() => useCostEditor());
    await act(async () => {
      await result.current.submit({ amount: '-5', currency: 'JPY' }, () => Promise.resolve());
    });
    expect(result.current.errors).toEqual({ amount: 'costErrorAmountNegative' });
    const save = jest.fn(() => Promise.resolve<void>(undefined));
    let done: boolean | undefined;
    await act(async () => {
      done = await result.current.submit({ amount: '12,000', currency: 'JPY' }, save);
    });
    expect(done).toBe(true);
    expect(save).toHaveBeenCalledTimes(1);
    expect(result.current.errors).toEqual({});
    expect(result.current.problem).toBeNull();
    expect(result.current.saved).toBe(true);
  });

  it('shows the API\'s own words when it refuses the input, and no "saved"', async () => {
    const { result } = renderHook(() => useCostEditor());
    const refusal = new CombinedGraphQLErrors({
      errors: [{ message: 'amount must be at most 1e12', extensions: { code: 'BAD_USER_INPUT' } }],
    });
    let done: boolean | undefined;
    await act(async () => {
      done = await result.current.submit({ amount: '5', currency: 'JPY' }, () => Promise.reject(refusal));
    });
    expect(done).toBe(false);
    // i18n costSaveFailed: 'Not saved: {reason}', the reason being the refusal's message
    expect(result.current.problem).toBe('Not saved: amount must be at most 1e12');
    expect(result.current.saved).toBe(false);
  });
});
