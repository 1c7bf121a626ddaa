import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BalanceChart } from '../../../../renderer/features/statements/BalanceChart.js';

describe('BalanceChart', () => {
  it('describes the balance in words (for screen readers, and where no canvas exists)', async () => {
    render(
      <BalanceChart
        currency="EUR"
        points={[
          { date: '2024-01-05', balance: 98_750 },
          { date: '2024-01-25', balance: 343_751 },
          { date: '2024-02-20', balance: -1_000 },
        ]}
        highlight={{ start: '2024-02-01', end: '2024-02-29' }}
      />,
    );
    const img = screen.getByRole('img');
    expect(img).toHaveAccessibleName(/Balance from .*2024.*€987\.50.*to .*-€10\.00.*lowest -€10\.00.*highest €3,437\.51/);
    expect(screen.getByText(/shaded band is the selected statement/)).toBeInTheDocument();
  });

  it('says when there is nothing to draw yet', () => {
    render(<BalanceChart currency="EUR" points={[]} />);
    expect(screen.getByText(/appears once this account has posted transactions/)).toBeInTheDocument();
  });
});
